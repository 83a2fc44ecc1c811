"""Machine translation: one engine protocol, a registry, and the engines behind it."""
