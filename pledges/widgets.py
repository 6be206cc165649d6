"""Select widgets written out in Python.

Django renders a select through its form templates, one included template per option; the
filter form's donor, weapon-system and meeting lists hold hundreds of options, which cost
every list and dashboard tens of milliseconds. These write the very same markup
(tests/pledges/test_widgets.py compares them with Django's templates) without them.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs) -> str:
    """As django/forms/widgets/attrs.html: in order, True as a bare name, False left out."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"')
    return "".join(out)


class _WrittenOut:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        # (the newline after each option: the end of Django's select_option.html)
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                             f'{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>\n')
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class Select(_WrittenOut, forms.Select):
    pass


class SelectMultiple(_WrittenOut, forms.SelectMultiple):
    pass
