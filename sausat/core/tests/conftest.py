import pytest


@pytest.fixture
def demo(cast):
    """The current-year demo for the cast, as `manage.py seed_demo` builds it (without the seed-article history)."""
    from sausat.directives import demo_current as directives_current
    from sausat.liaison import demo as liaison_demo
    from sausat.liaison import demo_current as liaison_current
    from sausat.opinions import demo_current as opinions_current

    liaison_demo.seed_can_tho()
    opinions_current.seed()
    directives_current.seed()
    liaison_current.seed()
    return cast
