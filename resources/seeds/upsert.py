"""Create a seeded resource, or fill in only what an existing one still lacks."""

from .. import services
from ..models import Resource


def _is_empty(value) -> bool:
    return value in (None, "")


def upsert(slug: str, *, audiences, themes, upload=None, **fields) -> Resource:
    """Create the seeded resource, or fill in what an existing one still lacks: what the
    secretariat edited in the portal (a title, a link, a file, the audiences) is kept."""
    existing = Resource.objects.filter(slug=slug).first()
    if existing is None:
        return services.resource_create(
            by=None,
            slug=slug,
            publish=True,
            audiences=audiences,
            themes=themes,
            upload=upload() if upload else None,
            **fields,
        )
    missing = {
        name: value
        for name, value in fields.items()
        if _is_empty(getattr(existing, f"{name}_id" if name == "cited_in" else name))
    }
    audiences = None if existing.audiences.exists() else audiences
    themes = None if existing.themes.exists() else themes
    upload = upload() if upload and not existing.file else None
    if not (missing or audiences or themes or upload):
        return existing
    return services.resource_update(
        resource_id=existing.pk,
        by=None,
        audiences=audiences or None,
        themes=themes or None,
        upload=upload,
        **missing,
    )
