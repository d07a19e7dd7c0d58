"""Demo data for directives."""


def seed() -> list[str]:
    return []
