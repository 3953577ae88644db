from decimal import Decimal

from babel import Locale
from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks as linebreaks_filter
from django.urls import translate_url
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from copportal.search import highlighted

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each of the six languages, for the language switcher."""
    request = context["request"]
    current = request.LANGUAGE_CODE
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    return links


@register.simple_tag
def translated(obj, field: str, linebreaks: bool = False):
    """A translated field (copportal/content.py) in the reader's language, or its fallback.

    A fallback (English, the original, another translation) is wrapped in an element with its
    own `lang` and `dir` and followed by a note saying what it is, so screen readers pronounce
    it right, its direction is isolated from the page's, and readers know a translation is
    missing.
    """
    shown = obj.shown(field)
    text = linebreaks_filter(shown.text, autoescape=True) if linebreaks else escape(shown.text)
    if not shown.is_fallback:
        return mark_safe(text)
    tag = "div" if linebreaks else "span"
    return format_html(
        '<{tag} lang="{lang}" dir="{dir}">{text}</{tag}> '
        '<small class="text-body-secondary">({note})</small>',
        tag=tag,
        lang=shown.language.locale,
        dir=shown.language.direction,
        text=mark_safe(text),
        note=fallback_note(shown),
    )


@register.filter
def fallback_note(shown) -> str:
    """What a fallback is (copportal.content.Shown): "original in French", or "English
    translation" when the text shown is not the original either."""
    language = shown.language.in_text
    if shown.is_original:
        return _("original in %(language)s") % {"language": language}
    # Translators: after a text shown in another language than the page's, which is not its
    # original language either: a translation. %(language)s is a language's name as inside a
    # sentence ("English translation", "traduction en anglais").
    return _("%(language)s translation") % {"language": language}


@register.filter
def plural_count(number) -> int:
    """The count that picks a message's plural form for a number that may have decimals.

    gettext's plural rules know whole numbers only; CLDR's know decimals: 1.5 is singular in
    French ("1,5 jour") and plural in English ("1.5 days"). A whole number is its own count;
    a decimal counts as 1 where the language's CLDR rule calls it "one", else as 2.
    """
    value = Decimal(str(number))
    if value == value.to_integral_value():
        return int(value)
    locale = Locale.parse(get_language() or "en", sep="-")
    return 1 if locale.plural_form(value) == "one" else 2


@register.filter
def as_bootstrap(field):
    """A form field's widget with Bootstrap's class for its kind (choices lists unchanged)."""
    from django import forms

    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.HiddenInput):
        return field.as_widget()
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    classes = dict.fromkeys([*widget.attrs.get("class", "").split(), css])
    attrs = {"class": " ".join(classes)}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def snippet(text: str) -> str:
    """A search snippet (copportal/search.py): escaped, with the matched words in <mark>."""
    return highlighted(text or "")


@register.filter
def snippet_language(resource) -> str:
    """The language of a resource's search snippet: that of the summary the page shows
    (resources/search.py's SummaryIn picks it by the same rule as TranslatedContent.shown)."""
    return resource.shown("summary").language.locale


@register.simple_tag
def options(choices, selected):
    """<option>s for (value, label) pairs, `selected` marked: for a select repeated on every row
    of a table (the agenda builder's allocation), where a template loop per row would render
    rows × choices nodes."""
    chosen = str(selected) if selected is not None else ""
    return mark_safe(  # every value and label escaped here
        "".join(
            f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>'
            f"{escape(label)}</option>"
            for value, label in choices
        )
    )


@register.simple_tag(takes_context=True)
def sections(context, slot, obj):
    """The sections other apps registered for this page's slot (copportal/sections.py), each
    rendered with the page's context (user, perms, request) and its provider's additions."""
    from copportal import sections as registry

    parts = []
    for provider in registry.providers(slot):
        found = provider(context.get("request"), obj)
        if found is None:
            continue
        template_name, extra = found
        with context.push(**extra):
            parts.append(context.template.engine.get_template(template_name).render(context))
    return mark_safe("".join(parts))  # rendered templates: the engine escaped them


@register.simple_tag(takes_context=True)
def menu(context, name):
    """The entries of a menu the apps registered (copportal/menus.py) that this person may see,
    each with its url, label and whether it is this page."""
    from copportal import menus

    request = context.get("request")
    return menus.shown(
        name, user=context.get("user"), path=request.path if request is not None else None
    )
