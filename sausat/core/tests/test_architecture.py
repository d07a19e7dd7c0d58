"""docs/architecture.md and the import contracts in .importlinter describe the same layers."""

from __future__ import annotations

import ast
import configparser
import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]


def _contract_layers() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    raw = config["importlinter:contract:layers"]["layers"]
    return [" ".join(line.split()) for line in raw.strip().splitlines() if line.strip()]


def _doc_layers() -> list[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- layers:start -->\s*```\n(.*?)```\s*<!-- layers:end -->", text, re.S)
    assert block, "docs/architecture.md lost its layers block"
    return [" ".join(line.split()) for line in block.group(1).splitlines() if line.strip()]


def test_the_doc_lists_the_contract_layers_in_order():
    assert _doc_layers() == _contract_layers()


def test_every_sausat_app_has_a_layer():
    layered = {name for line in _contract_layers() for name in re.findall(r"sausat\.\w+", line)}
    installed = {c.name for c in apps.get_app_configs() if c.name.startswith("sausat.")}
    assert installed <= layered, f"place these apps in .importlinter and docs/architecture.md: {installed - layered}"


TESTS = "sausat.*.tests.** -> sausat.**"
# Production imports that still cross a layer downwards-up. This list may only shrink: remove a line
# here and in .importlinter when the import is gone.
KNOWN_DEBT = {
    "sausat.core.calendar_views -> sausat.geo.models",
    "sausat.core.services -> sausat.geo.models",
    "sausat.core.urls -> sausat.accounts.views",
    "sausat.people.demo -> sausat.accounts.services",
}


def test_the_contracts_ignore_only_the_tests_and_the_known_debt():
    """The contracts may not hide a new production import: beyond the integration tests, only the listed debt."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    for name, section in config.items():
        if name.startswith("importlinter:contract:"):
            ignored = {line.strip() for line in section.get("ignore_imports", "").splitlines() if line.strip()}
            assert ignored <= {TESTS} | KNOWN_DEBT, (name, ignored - {TESTS} - KNOWN_DEBT)


# --- Reads in one place: selectors and policies, not views (parsed with ast, not matched by regex) ----

SAUSAT = ROOT / "sausat"
MANAGERS = {"objects", "all_objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}
# Apps without selectors.py, and why. Every other app keeps its reads there.
NO_SELECTORS = {
    "textkit": "pure text functions; its only table is the vector cache it manages itself",
    "accounts": "sign-in machinery; its reads (second factor, throttle) are in mfa.py and throttle.py",
}
# Views that still query another app's table, with the import-linter debt entry that covers them.
VIEW_READ_DEBT = {
    "sausat/core/calendar_views.py": {"geo"},  # "sausat.core.calendar_views -> sausat.geo.models"
}


def _app_names() -> list[str]:
    return sorted(c.name.removeprefix("sausat.") for c in apps.get_app_configs() if c.name.startswith("sausat."))


def _is_views_module(path: Path) -> bool:
    parts = path.relative_to(SAUSAT).parts
    if "tests" in parts or "migrations" in parts:
        return False
    stem = path.stem
    return stem == "views" or stem.startswith("views_") or stem.endswith("_views") or "views" in parts[1:-1]


def _model_imports(tree: ast.AST) -> tuple[dict[str, str], dict[str, str]]:
    """Names bound to another module's models, anywhere in the module (function bodies too):
    ``{class name: app}`` for ``from sausat.<app>.models import X`` and ``{module alias: app}`` for
    ``from sausat.<app> import models`` / ``import sausat.<app>.models as m``."""
    classes: dict[str, str] = {}
    modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "sausat" or len(parts) < 2:
                continue
            for alias in node.names:
                if len(parts) >= 3 and parts[2].startswith("models"):
                    classes[alias.asname or alias.name] = parts[1]
                elif len(parts) == 2 and alias.name.startswith("models"):
                    modules[alias.asname or alias.name] = parts[1]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "sausat" and len(parts) >= 3 and parts[2].startswith("models") and alias.asname:
                    modules[alias.asname] = parts[1]
    return classes, modules


def _model_owner(node: ast.AST, classes: dict[str, str], modules: dict[str, str]) -> tuple[str, str] | None:
    if isinstance(node, ast.Name) and node.id in classes:
        return node.id, classes[node.id]
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
        return node.attr, modules[node.value.id]
    return None


def cross_app_reads(source: str, app: str) -> list[str]:
    """``line Model (app)`` for each ``Model.objects`` (or 404 shortcut on a model) of another app than ``app``."""
    tree = ast.parse(source)
    classes, modules = _model_imports(tree)
    found = []
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            target = _model_owner(node.value, classes, modules)
        elif isinstance(node, ast.Call) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in SHORTCUTS:
                target = _model_owner(node.args[0], classes, modules)
        if target and target[1] != app:
            found.append((node.lineno, f"{node.lineno} {target[0]} ({target[1]})"))
    return [text for _line, text in sorted(found)]


def test_views_read_other_apps_through_their_selectors_or_policy():
    """A page that lists another app's objects asks that app (its selectors.py or policy.py), which
    applies that app's scope; a views module never queries another app's table itself."""
    problems = []
    for app in _app_names():
        for path in sorted((SAUSAT / app).rglob("*.py")):
            if not _is_views_module(path):
                continue
            name = str(path.relative_to(ROOT))
            allowed = VIEW_READ_DEBT.get(name, set())
            for hit in cross_app_reads(path.read_text(encoding="utf-8"), app):
                if not any(hit.endswith(f"({a})") for a in allowed):
                    problems.append(f"{name}:{hit}")
    assert not problems, "read through the owning app's selectors.py / policy.py:\n" + "\n".join(problems)


def test_the_view_check_catches_imports_in_functions_aliases_and_shortcuts():
    source = (
        "from sausat.meetings.models import Meeting\n"
        "from sausat.people import models as people_models\n"
        "def page(request):\n"
        "    from sausat.geo.models import AdministrativeUnit\n"
        "    Meeting.objects.all()\n"
        "    AdministrativeUnit.objects.get(pk=1)\n"
        "    people_models.Organ.all_objects.all()\n"
        "    get_object_or_404(AdministrativeUnit, pk=1)\n"
    )
    assert cross_app_reads(source, "meetings") == [
        "6 AdministrativeUnit (geo)",
        "7 Organ (people)",
        "8 AdministrativeUnit (geo)",
    ]


def test_every_app_keeps_its_reads_in_selectors():
    missing = [app for app in _app_names() if app not in NO_SELECTORS and not (SAUSAT / app / "selectors.py").exists()]
    assert not missing, f"add selectors.py (the app's reads) to: {missing}"
    assert set(NO_SELECTORS) <= set(_app_names()), "NO_SELECTORS names an app that is gone"
