"""Related articles by text similarity, computed when an article is published, read from a column.

The reader's page must cost no text processing, so the ids are stored on each article
(``ArticlePage.related_ids``). Publishing one article refreshes the lists of its portal's most
recent articles in one pass: TF-IDF over their stored accent-free text (the text engine's
``tfidf_matrix``), cosine similarity, the best :data:`RELATED_COUNT` above :data:`MIN_SIMILARITY`.
Older articles keep the list they had; ``manage.py portal_refresh_related`` recomputes every portal.
"""

from __future__ import annotations

import numpy as np

from sausat.portal.models import ArticlePage, PortalHome
from sausat.textkit.vectors import tfidf_matrix

RELATED_COUNT = 3
# Below this cosine two articles share only the common words of news writing (product default,
# chosen by reading the demo portal's pairs; it is a display choice, not a quality claim).
MIN_SIMILARITY = 0.12
WINDOW = 500


def refresh_related(home: PortalHome, *, window: int = WINDOW) -> int:
    """Recompute the related lists of ``home``'s ``window`` most recent live articles; returns how many changed."""
    rows = list(
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .order_by("-date", "-id")
        .values_list("id", "search_key", "related_ids")[:window]
    )
    if len(rows) < 2:
        return 0
    ids = [r[0] for r in rows]
    matrix, _ = tfidf_matrix([r[1] or "" for r in rows])
    similarity = (matrix @ matrix.T).toarray()
    np.fill_diagonal(similarity, -1.0)
    changed = []
    for i, (pk, _key, old) in enumerate(rows):
        order = np.argsort(-similarity[i], kind="stable")[:RELATED_COUNT]
        new = [ids[j] for j in order if similarity[i, j] >= MIN_SIMILARITY]
        if new != old:
            changed.append(ArticlePage(pk=pk, related_ids=new))
    # Derived data, not an editorial change: no revision, no audit row (the publish that caused it has one).
    ArticlePage.objects.bulk_update(changed, ["related_ids"], batch_size=200)
    return len(changed)


def refresh_related_for(article_id: int) -> None:
    from sausat.portal import policy

    article = ArticlePage.objects.filter(pk=article_id).first()
    home = policy.home_of(article) if article else None
    if home is not None:
        refresh_related(home)
