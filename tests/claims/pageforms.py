"""Read a form off a rendered page the way a browser would submit it untouched: every input with its value
(checkboxes and radios only when checked), each select's selected option (or its first, as browsers do),
each textarea's text. Submit buttons are left out; tests add the one they press."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class FormFields:
    fields: list[tuple[str, str]] = field(default_factory=list)
    select_options: dict[str, list[str]] = field(default_factory=dict)

    def as_post(self, **changes) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        data.update({name: [value] for name, value in changes.items()})
        return data

    def value(self, name: str) -> str:
        (value,) = [v for n, v in self.fields if n == name]
        return value


class _FormParser(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.result = form_id, False, FormFields()
        self.select = None  # (name, first option, selected option)
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        if tag == "input" and attrs.get("name") and attrs.get("type", "text") not in ("submit", "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.result.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select" and attrs.get("name"):
            self.select = [attrs["name"], None, None]
            self.result.select_options[attrs["name"]] = []
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.result.select_options[self.select[0]].append(value)
            self.select[1] = value if self.select[1] is None else self.select[1]
            if "selected" in attrs:
                self.select[2] = value
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self.select is not None:
            name, first, selected = self.select
            self.result.fields.append((name, selected if selected is not None else first or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the one newline that may follow <textarea>.
            self.result.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def read_form(page: str, form_id: str) -> FormFields:
    parser = _FormParser(form_id)
    parser.feed(page)
    assert parser.result.fields, f"no form #{form_id} with fields on the page"
    return parser.result
