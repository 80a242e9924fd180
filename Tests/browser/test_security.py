"""Content-Security-Policy in the browser: the demo pages and the console load without a violation, the console cannot
be framed, and the widget works embedded by a shop on another origin that has a strict policy of its own."""

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from conftest import csp_violations, screenshot
from pages import Console, Widget, delivered, operator_messages, wait

SHOP_PAGES = ["index.html", "product.html", "cart.html", "subscription.html", "checkout.html"]

# A page of another shop (its own origin) with its own strict policy that allows the relay and nothing else.
THIRD_PARTY_CART = """<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>Sepetiniz — başka bir mağaza</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' {relay};
  connect-src {relay} {socket}; object-src 'none'; base-uri 'none'">
</head><body><h1>Sepetiniz</h1><p>2 ürün</p>
<script src="{relay}/widget/widget.js" data-site="demo" async></script>
</body></html>
"""
FRAMING = """<!doctype html><html><head><meta charset="utf-8"><title>framing</title></head>
<body><iframe id="console" src="{relay}/console/" title="console"></iframe></body></html>
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def third_party(relay):
    """Serves THIRD_PARTY_CART and FRAMING at relay.third_party (an origin the demo site allows)."""
    root = Path(tempfile.mkdtemp(prefix="parley-third-party-"))
    socket = relay.base.replace("http://", "ws://")
    (root / "cart.html").write_text(THIRD_PARTY_CART.format(relay=relay.base, socket=socket), encoding="utf-8")
    (root / "framing.html").write_text(FRAMING.format(relay=relay.base), encoding="utf-8")
    port = int(relay.third_party.rsplit(":", 1)[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield relay.third_party
    server.shutdown()
    server.server_close()
    shutil.rmtree(root, ignore_errors=True)


def _header(driver, path, name):
    return driver.execute_async_script(
        "const done = arguments[2]; fetch(arguments[0]).then((r) => done(r.headers.get(arguments[1])), () => done(null));",
        path, name)


def test_demo_pages_and_console_load_without_a_csp_violation(relay, browsers):
    driver = browsers("de-DE")
    widget = Widget(driver, relay.base)
    for page in SHOP_PAGES:
        widget.visit(page).open()
        assert csp_violations(driver) == [], page
    assert "script-src 'self'" in _header(driver, "/shop/cart.html", "content-security-policy")

    # The check can fail: an inline script is refused, and Chromium reports it.
    driver.execute_script(
        "const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.append(s);")
    reported = wait(driver, lambda d: csp_violations(d), "an inline script was not reported as a CSP violation")
    assert "script-src" in reported[0]
    assert driver.execute_script("return window.__inline") is None

    driver.get(relay.base + "/")
    links = driver.execute_script("return [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))")
    assert "console/" in links and "shop/" in links, links
    assert csp_violations(driver) == [], "the start page"

    console = Console(browsers("de-DE"), relay.base).login(*relay.login("de"))
    assert csp_violations(console.driver) == []
    policy = _header(console.driver, "/console/", "content-security-policy")
    assert "frame-ancestors 'none'" in policy and "unsafe" not in policy, policy


def test_the_console_cannot_be_framed(relay, browsers, third_party):
    driver = browsers("en-US")
    driver.get(third_party + "/framing.html")
    reported = wait(driver, lambda d: csp_violations(d), "framing the console was not refused")
    assert any("frame-ancestors" in message for message in reported), reported
    driver.switch_to.frame(driver.find_element("id", "console"))
    assert driver.execute_script("return document.getElementById('login-form')") is None, "the console rendered in a frame"


def test_widget_embedded_on_another_origin_with_a_strict_policy(relay, browsers, third_party):
    visitor = browsers("tr-TR")
    visitor.get(third_party + "/cart.html")
    widget = Widget(visitor, relay.base)
    wait(visitor, lambda d: d.execute_script(
        "const w = document.querySelector('parley-chat'); return w && w.shadowRoot && w.shadowRoot.querySelector('.launcher')"),
        "the widget did not load on the third-party page (CORS or CSP)")
    widget.open()
    question = "Siparişim nerede?"
    widget.send(question)
    widget.wait_messages(lambda ms: any(m["text"] == question and delivered(m) for m in ms),
                         "the message from the third-party page was not delivered")

    console = Console(browsers("de-DE"), relay.base).login(*relay.login("de"))
    console.select(widget.conversation_id())
    console.wait_messages(lambda ms: any(m["orig"] == question for m in ms), "the operator does not see the message")
    page = wait(console.driver, lambda d: d.find_element("id", "visitor").text, "no visitor card")
    assert third_party + "/cart.html" in page, page
    answer = "Ihre Bestellung wurde versandt."
    console.reply(answer)
    seen = widget.wait_messages(lambda ms: any(m["orig"] == answer and m["lang"] == "tr" for m in operator_messages(ms)),
                                "the reply did not reach the third-party page in Turkish")
    assert [m for m in operator_messages(seen) if m["orig"] == answer][0]["label"].startswith("Makine çevirisi")
    screenshot(visitor, "widget-third-party-tr")
    assert csp_violations(visitor) == [], "the widget broke the host page's policy"
