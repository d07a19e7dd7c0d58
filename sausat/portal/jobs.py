"""Background jobs of the portal."""

from sausat.core.jobs import register_job
from sausat.portal import views_count


@register_job("portal.flush_views", label="Cộng lượt xem bài viết")
def flush_views(job) -> dict:
    return views_count.flush()
