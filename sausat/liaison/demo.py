"""Demo data for liaison."""


def seed() -> list[str]:
    return []
