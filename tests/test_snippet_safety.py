"""Quiz and coaching snippets: raw HTML is escaped, and no extension can smuggle in script."""

from mkdocs_curriculum.snippets import safe_markdown

MD = safe_markdown(["attr_list", "md_in_html", "admonition"], {})


def render(text: str) -> str:
    MD.reset()
    return MD.convert(text)


def test_raw_html_is_text():
    html = render("<script>alert(1)</script> and <img src=x onerror=alert(2)>")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_attr_list_event_handlers_are_dropped():
    html = render('*x*{ onclick="alert(1)" .keep }')
    assert "onclick" not in html and 'class="keep"' in html


def test_script_urls_are_dropped():
    html = render("[y](javascript:alert(2)) [z](https://example.org/)")
    assert "javascript:" not in html and "https://example.org/" in html


def test_code_keeps_its_angle_brackets_once():
    assert "<code>&lt;b&gt;</code>" in render("`<b>`")
