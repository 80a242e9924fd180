"""Reconnect after a relay restart, hostile payloads, and the widget on a 360-px phone."""

from conftest import screenshot
from pages import TIMEOUT, Console, Widget, delivered, operator_messages, visitor_messages, wait

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">click me</a>',
    '"><svg onload=window.__pwned=1>',
    "abc \u202egnp.exe\u202c \u2066isolate\u2069 def",
    "x" * 3999,
]


def test_reconnect_after_restart_loses_and_duplicates_nothing(relay, browsers):
    widget = Widget(browsers("tr-TR"), relay.base).visit("index.html").open()
    widget.send("birinci mesaj")
    widget.wait_messages(lambda ms: any(m["text"] == "birinci mesaj" and delivered(m) for m in ms),
                         "first message not acknowledged")
    relay.stop()
    wait(widget.driver, lambda d: "yeniden" in widget.find(".status").text, "no reconnecting notice")
    widget.send("ikinci mesaj")
    relay.start()
    ms = wait(widget.driver, lambda d: (lambda ms: ms if any(
        m["text"] == "ikinci mesaj" and delivered(m) for m in ms) else None)(widget.messages()),
        "the message written while offline was not delivered after the restart", timeout=TIMEOUT + 40)
    texts = [m["text"] for m in visitor_messages(ms)]
    assert texts == ["birinci mesaj", "ikinci mesaj"], texts

    console = Console(browsers("de-DE"), relay.base).login(*relay.login("de"))
    console.select(widget.conversation_id())
    shown = console.wait_messages(lambda ms: len(visitor_messages(ms)) >= 2, "operator misses messages")
    assert [m["orig"] or m["text"] for m in visitor_messages(shown)] == ["birinci mesaj", "ikinci mesaj"]
    widget.driver.refresh()
    widget.visit("index.html").open()
    again = widget.wait_messages(lambda ms: len(visitor_messages(ms)) >= 2, "history lost after reload")
    assert [m["text"] for m in visitor_messages(again)] == ["birinci mesaj", "ikinci mesaj"]


def _no_markup(messages):
    return all(m["elements"] == 0 for m in messages)


def test_hostile_payloads_are_shown_as_text_on_both_sides(relay, browsers):
    widget = Widget(browsers("en-US"), relay.base).visit("cart.html").open()
    for payload in HOSTILE:
        widget.send(payload)
    widget.wait_messages(lambda ms: sum(1 for m in visitor_messages(ms) if delivered(m)) == len(HOSTILE),
                         "not all payloads were delivered")
    console = Console(browsers("en-US"), relay.base).login(*relay.login("de"))
    console.select(widget.conversation_id())
    shown = console.wait_messages(lambda ms: len(visitor_messages(ms)) == len(HOSTILE), "payloads missing")
    for payload in HOSTILE[:4]:
        console.reply_raw(payload)
    seen = widget.wait_messages(lambda ms: len(operator_messages(ms)) == 4, "operator payloads missing")

    for driver in (widget.driver, console.driver):
        assert driver.execute_script("return window.__pwned") is None, "a payload ran as script"
    assert _no_markup(seen) and _no_markup(shown)
    visitor_texts = [m["text"] for m in visitor_messages(seen)]
    for payload in HOSTILE[:4] + HOSTILE[5:]:
        assert payload in visitor_texts, payload[:40]
    assert widget.root.find_elements("css selector", "ol a, ol img, ol script, ol svg") == []
    console_texts = [m["orig"] or m["text"] for m in visitor_messages(shown)]
    for payload in HOSTILE[:4]:
        assert payload in console_texts
    # The long word wraps inside the panel instead of widening it.
    overflow = widget.driver.execute_script(
        "const ol = arguments[0]; return ol.scrollWidth - ol.clientWidth", widget.list())
    assert overflow <= 1, overflow
    screenshot(widget.driver, "widget-hostile")
    screenshot(console.driver, "console-hostile")


def test_a_message_over_the_limit_is_reported_not_lost_silently(relay, browsers):
    widget = Widget(browsers("en-US"), relay.base).visit("index.html").open()
    widget.send("y" * 10000)
    ms = widget.wait_messages(lambda ms: any((m["state"] or "").startswith("Not sent") for m in ms),
                              "no error shown for a 10,000-character word")
    assert widget.driver.execute_script("return window.__pwned") is None
    assert widget.driver.execute_script("return arguments[0].scrollWidth - arguments[0].clientWidth",
                                        widget.list()) <= 1
    assert ms


def test_widget_on_a_360px_phone(relay, browsers):
    driver = browsers("tr-TR", width=360, height=740, mobile=True)
    widget = Widget(driver, relay.base).visit("product.html")
    assert driver.execute_script("return window.innerWidth") == 360
    widget.open()
    driver.execute_script("return Promise.all(arguments[0].getAnimations().map((a) => a.finished)).then(() => true)",
                          widget.find(".panel"))
    rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]",
                                 widget.find(".panel"))
    assert rect[0] >= 0 and rect[1] <= 360 and rect[2] >= 0 and rect[3] <= 740, rect
    widget.send("Merhaba! Bu kupa bulaşık makinesinde yıkanabilir mi?")
    widget.wait_messages(lambda ms: any(delivered(m) for m in ms), "not delivered on the phone")
    for css in ("textarea", ".send", "header .x", "select"):
        assert widget.find(css).is_displayed(), css
    send = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.right, r.bottom]",
                                 widget.find(".send"))
    assert send[0] <= 360 and send[1] <= 740
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 360
    screenshot(driver, "widget-360")


def test_widget_keyboard_and_screen_reader_basics(relay, browsers):
    from selenium.webdriver.common.keys import Keys
    widget = Widget(browsers("de-DE"), relay.base).visit("index.html")
    launcher = widget.find(".launcher")
    assert launcher.get_attribute("aria-label") == "Chat öffnen"
    widget.driver.execute_script("arguments[0].focus()", launcher)
    launcher.send_keys(Keys.ENTER)
    wait(widget.driver, lambda d: widget.find(".panel").is_displayed(), "Enter on the launcher did not open it")
    assert launcher.get_attribute("aria-expanded") == "true"
    assert widget.find("textarea").get_attribute("id") == widget.find("form label").get_attribute("for")
    assert widget.find('[aria-live="polite"]')
    focused = widget.driver.execute_script("return arguments[0].activeElement && arguments[0].activeElement.tagName",
                                           widget.root)
    assert focused == "TEXTAREA"
    widget.find("textarea").send_keys(Keys.ESCAPE)
    wait(widget.driver, lambda d: not widget.find(".panel").is_displayed(), "Escape did not close the panel")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert widget.driver.execute_script("return arguments[0].activeElement === arguments[1]", widget.root, launcher)
