"""Forms of the top layer. They parse input; the services own the rules."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _


class AgendaTokenForm(forms.Form):
    label = forms.CharField(
        label=_("For whom is the link?"),
        max_length=100,
        help_text=_("E.g. “Netbeheerder, projectteam Kattenbroek”. Only civil servants see this."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("submit", _("Create link")))
