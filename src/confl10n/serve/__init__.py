"""``confl10n serve``: the library behind an HTTP API (LibreTranslate's, plus ``/v1/``).

Modules: :mod:`~confl10n.serve.settings` (what the command passes to every worker
process), :mod:`~confl10n.serve.engines` (engines loaded once per process),
:mod:`~confl10n.serve.limits` (the bounded queue, API keys, body size),
:mod:`~confl10n.serve.texts` (request text in and out of the document model),
:mod:`~confl10n.serve.detect` (offline language detection, lingua),
:mod:`~confl10n.serve.work` (the blocking jobs, built on the public library),
:mod:`~confl10n.serve.schemas` (the ``/v1/`` request models, pydantic),
:mod:`~confl10n.serve.app` (the FastAPI routes) and :mod:`~confl10n.serve.run` (uvicorn).
The web stack is an optional extra, ``confl10n[serve]``; only the ``serve`` command imports it.
"""
