"""The Argos engine: installed packages run with CTranslate2, and package management."""
