"""Demo data for meetings."""


def seed() -> list[str]:
    return []
