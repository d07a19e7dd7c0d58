"""Background jobs of the portal."""

from django.tasks import task

from sausat.core.jobs import labelled
from sausat.portal import views_count


@task
@labelled("Cộng lượt xem bài viết")
def flush_views() -> dict:
    return views_count.flush()
