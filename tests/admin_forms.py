"""Submitting admin change forms as staff would: the page's own values, with some changed."""


def post_change(client, url, changes):
    """Submit an admin change form as it is, with `changes` applied."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if hasattr(value, "all"):
            data[name] = [v.pk for v in value.all()]
        elif isinstance(value, (list, tuple)):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = value.pk if hasattr(value, "pk") else value
    for formset in page.context.get("inline_admin_formsets", []):
        fs = formset.formset
        data[f"{fs.prefix}-TOTAL_FORMS"] = str(fs.initial_form_count())
        data[f"{fs.prefix}-INITIAL_FORMS"] = str(fs.initial_form_count())
        for i, f in enumerate(fs.forms[: fs.initial_form_count()]):
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                if value is not None:
                    data[f"{fs.prefix}-{i}-{name}"] = value.pk if hasattr(value, "pk") else value
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return response
