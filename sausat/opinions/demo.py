"""Demo data for opinions."""


def seed() -> list[str]:
    return []
