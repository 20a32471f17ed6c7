"""tests/ mirrors practice/: every module has a test module of its own, so a new module without tests shows here."""
from pathlib import Path

from practice import ROOT

PACKAGE = ROOT / "practice"
TESTS = ROOT / "tests"
# A module whose behaviour is reachable only through another module's routes, and where it is tested.
TESTED_THROUGH = {
    "streaming.py": "web/test_streams.py",  # its sessions and decoding workers run behind the streaming routes
}


def places_for(module: Path) -> list[Path]:
    """Where a module's tests may live: beside the mirrored path, or with the web tests (tests/web/ is flat, by
    feature). A feature package's views are tested in test_<feature>.py, and a feature's module named like one
    of web/'s own takes the feature's name first (web/notebook/forms.py: test_notebook_forms.py)."""
    relative = module.relative_to(PACKAGE)
    name = module.stem
    in_feature = relative.parts[0] == "web" and len(relative.parts) == 3
    if in_feature and (PACKAGE / "web" / f"{name}.py").is_file():
        name = f"{relative.parts[1]}_{name}"
    places = [TESTS / relative.parent / f"test_{module.stem}.py", TESTS / "web" / f"test_{name}.py"]
    if in_feature and module.stem == "views":
        places.append(TESTS / "web" / f"test_{relative.parts[1]}.py")
    if str(relative) in TESTED_THROUGH:
        places.append(TESTS / TESTED_THROUGH[str(relative)])
    return places


def test_every_module_has_a_test_module():
    modules = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")
    assert len(modules) > 90
    untested = [str(m.relative_to(ROOT)) for m in modules if not any(p.is_file() for p in places_for(m))]
    assert untested == []


def test_the_rule_finds_mirrored_flat_and_feature_test_modules():
    assert TESTS / "audio" / "test_pcm.py" in places_for(PACKAGE / "audio" / "pcm.py")
    assert TESTS / "web" / "test_uploads.py" in places_for(PACKAGE / "uploads.py")
    assert TESTS / "web" / "test_rehearse.py" in places_for(PACKAGE / "web" / "rehearse" / "views.py")
    assert TESTS / "web" / "test_forms.py" not in places_for(PACKAGE / "web" / "notebook" / "forms.py")
    assert not any(p.is_file() for p in places_for(PACKAGE / "audio" / "no_such_module.py"))
    assert all((TESTS / path).is_file() for path in TESTED_THROUGH.values())
