"""The error summary of a failed submit (GOV.UK / NL Design System pattern), in one place.

After a failed submit the page opens on a summary that lists every error, each a link to its
field, and the page title starts with "Error: " (WCAG 2.4.2, 3.3.1; issue 13). `static/js/app.js`
moves focus to the summary and a link's field. Every crispy form gets the summary from
`templates/bootstrap5/errors.html`; a form rendered by hand uses `{% error_summary form %}`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.forms.widgets import ChoiceWidget
from django.utils.translation import gettext

register = template.Library()


@dataclass(frozen=True)
class SummaryEntry:
    message: str
    href: str = ""  # "" for an error that belongs to no field (a non-field error)


def field_anchor(field: forms.BoundField) -> str:
    """The id of the input a link to this field focuses: for a group of radios or checkboxes
    (and a multi-widget) its first input, since the group itself cannot take focus."""
    if field.is_hidden or not field.auto_id:
        return ""
    widget = field.field.widget
    if isinstance(widget, forms.MultiWidget):
        return f"{field.auto_id}_0"
    if isinstance(widget, ChoiceWidget) and widget.use_fieldset:
        first = next(iter(field.subwidgets), None)
        return (first and first.id_for_label) or field.auto_id
    return field.id_for_label or field.auto_id


def summary_entries(*forms_: forms.BaseForm | BaseFormSet) -> list[SummaryEntry]:
    """Non-field errors first (plain items), then each field's errors in the form's order;
    a formset's own errors, then those of its forms."""
    entries: list[SummaryEntry] = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        if isinstance(form, BaseFormSet):
            entries.extend(SummaryEntry(str(error)) for error in form.non_form_errors())
            entries.extend(summary_entries(*form.forms))
            continue
        entries.extend(SummaryEntry(str(error)) for error in form.non_field_errors())
        for field in form:
            anchor = field_anchor(field)
            label = str(field.label or "").strip()
            for error in field.errors:
                message = f"{label}: {error}" if label else str(error)
                # An error of a hidden field has nothing to focus: listed without a link.
                entries.append(SummaryEntry(message, f"#{anchor}" if anchor else ""))
    return entries


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_: forms.BaseForm | BaseFormSet) -> dict:
    """`{% error_summary form %}`, `{% error_summary form other_form %}` or `{% error_summary formset %}`."""
    return {"entries": summary_entries(*forms_), "heading_id": _heading_id(forms_)}


def _heading_id(forms_: tuple) -> str:
    """An id made like the first form's field ids (its `auto_id` and prefix), so it is unique
    on a page wherever the field ids are (the kaders editor has five forms)."""
    for form in forms_:
        if form is None:
            continue
        auto_id = form.auto_id if isinstance(form.auto_id, str) and "%s" in form.auto_id else "id_%s"
        name = f"{form.prefix}-error_summary" if isinstance(form, BaseFormSet) else form.add_prefix("error_summary")
        return auto_id % name
    return "id_error_summary"


def _forms_in(value: object, depth: int) -> Iterator[forms.BaseForm | BaseFormSet]:
    """Forms in a context value: itself, or inside lists and dicts up to `depth` levels
    (the kaders editor keeps its forms in a list of sections, the routekaart in a dict)."""
    if isinstance(value, forms.BaseForm | BaseFormSet):
        yield value
    elif depth and isinstance(value, dict):
        for item in value.values():
            yield from _forms_in(item, depth - 1)
    elif depth and isinstance(value, list | tuple):
        for item in value:
            yield from _forms_in(item, depth - 1)


def _has_errors(form: forms.BaseForm | BaseFormSet) -> bool:
    if not form.is_bound:
        return False
    if isinstance(form, BaseFormSet):
        return bool(form.non_form_errors()) or any(form.errors)
    return bool(form.errors)


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """ "Error: " when a form on the page shows errors (base.html puts it before the title)."""
    if any(_has_errors(form) for value in context.flatten().values() for form in _forms_in(value, depth=2)):
        return gettext("Error: ")
    return ""
