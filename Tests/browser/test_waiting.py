"""A visitor whose messages go unanswered is told, once a stretch, that someone will answer; an answer starts over."""

import time

from pages import Console, Widget, delivered, operator_messages, wait

NOTICE = "Thanks for waiting"
DELAY_MS = 1500  # the demo shop keeps the default (30 s); the test sets `data-wait-notice` on the element


def _notices(widget):
    lines = widget.driver.execute_script(
        "return [...arguments[0].querySelectorAll(':scope > li.sys')].map((li) => li.textContent)", widget.list())
    return [line for line in lines if line.startswith(NOTICE)]


def test_unanswered_visitor_is_told_once_a_stretch(relay, browsers):
    console = Console(browsers("de-DE"), relay.base).login(*relay.login("de"))  # an operator online: assigned
    widget = Widget(browsers("en-US"), relay.base).visit("cart.html").open()
    widget.driver.execute_script(
        "document.querySelector('parley-chat').dataset.waitNotice = arguments[0]", str(DELAY_MS))
    widget.send("Where is my order?")
    widget.wait_messages(lambda ms: any("own" in m["cls"] and delivered(m) for m in ms), "not delivered")
    assert not _notices(widget), "told before the delay"
    wait(widget.driver, lambda d: _notices(widget), "an unanswered visitor was not told that someone will answer")

    # Still unanswered: writing again does not repeat it.
    widget.send("Hello?")
    time.sleep(DELAY_MS / 1000 + 1.5)
    assert len(_notices(widget)) == 1, "told twice in one stretch without an answer"

    # The operator answers; the visitor's next unanswered message starts a new stretch, told once again.
    console.select(widget.conversation_id())
    console.reply("Ihre Bestellung ist unterwegs.")
    widget.wait_messages(lambda ms: operator_messages(ms), "the operator's answer did not arrive")
    widget.send("Thanks! And the invoice?")
    wait(widget.driver, lambda d: len(_notices(widget)) == 2, "a new stretch without an answer was not told")
