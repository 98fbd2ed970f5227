from .models import Section


def navigation(request):
    """Sections for the site header; lazy, so pages that never show it pay nothing."""
    return {"nav_sections": Section.objects.all()}
