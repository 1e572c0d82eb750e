"""Import spaCy without its command line (download, weasel, requests): replylint never uses it, every run paid it."""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from typing import Any

# spaCy's __init__ runs `from .cli.info import info`, which executes spacy/cli/__init__.py and with it every
# command module (about 0.2 s and 16 MB a process). Two stand-in modules take the place of the package and of
# `info` until something asks for them; any other name, or calling `spacy.info()`, loads the real package, so
# nothing that uses spaCy's command line can tell the difference except by timing.
_PACKAGE = "spacy.cli"
_INFO = "spacy.cli.info"
# Set to 1 to import spaCy exactly as it ships (a way out if a spaCy release ever disagrees with the stand-in).
OPT_OUT = "REPLYLINT_FULL_SPACY_IMPORT"


def lighten_spacy_import() -> bool:
    """Install the stand-ins before spaCy is first imported; False when spaCy is loaded already or elsewhere."""
    if "spacy" in sys.modules or _PACKAGE in sys.modules or os.environ.get(OPT_OUT):
        return False
    try:
        spec = importlib.util.find_spec("spacy")
    except (ImportError, ValueError):
        return False
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    folder = os.path.join(locations[0], "cli") if locations else ""
    if not os.path.isfile(os.path.join(folder, "__init__.py")) or not os.path.isfile(os.path.join(folder, "info.py")):
        return False
    package = _StandIn(_PACKAGE, folder)
    info = types.ModuleType(_INFO, "replylint's stand-in: spacy.info() loads the real command line")
    info.info = _real_info  # type: ignore[attr-defined]
    sys.modules[_PACKAGE] = package
    sys.modules[_INFO] = info
    return True


class _StandIn(types.ModuleType):
    """spacy.cli until a name is asked of it; its submodules import from the real folder as usual."""

    def __init__(self, name: str, folder: str) -> None:
        super().__init__(name, "replylint's stand-in for spaCy's command line; any attribute loads the real one")
        self.__path__ = [folder]
        self.__package__ = name

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_load_real(), name)


def bind_stand_in(spacy: types.ModuleType) -> None:
    """Make `spacy.cli` an attribute, as a real import would have (a module found in sys.modules is not bound)."""
    if not hasattr(spacy, "cli") and _PACKAGE in sys.modules:
        spacy.cli = sys.modules[_PACKAGE]  # type: ignore[attr-defined]


def _real_info(*args: Any, **kwargs: Any) -> Any:
    return _load_real().info(*args, **kwargs)


def _load_real() -> types.ModuleType:
    """Execute spacy/cli/__init__.py as spacy.cli (once), replacing both stand-ins everywhere they are bound."""
    current = sys.modules.get(_PACKAGE)
    if current is not None and not isinstance(current, _StandIn):
        return current
    folder = current.__path__[0] if current is not None else ""
    for name in (_PACKAGE, _INFO):
        sys.modules.pop(name, None)
    spec = importlib.util.spec_from_file_location(
        _PACKAGE, os.path.join(folder, "__init__.py"), submodule_search_locations=[folder]
    )
    if spec is None or spec.loader is None:
        raise ImportError("cannot load spacy.cli")
    module = importlib.util.module_from_spec(spec)
    sys.modules[_PACKAGE] = module
    spec.loader.exec_module(module)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = module  # type: ignore[attr-defined]
        spacy.info = module.info  # type: ignore[attr-defined]
    return module
