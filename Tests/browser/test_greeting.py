"""The proactive greeting: on the pages where a word helps (cart, subscription, product), in the visitor's language,
once a session, and never on the checkout."""

import time

import pytest

from conftest import screenshot
from pages import Widget, wait

# The widget greets after `data-greeting-delay` (4 s by default; the demo shop leaves it so).
GREETING_DELAY = 4.0

CASES = [
    pytest.param("cart.html", "de-DE", "Fragen zu Ihrer Bestellung?", id="cart-german"),
    pytest.param("subscription.html", "tr-TR", "Aboneliğinizi mi değiştirmek istiyorsunuz?", id="subscription-turkish"),
]


def _shown_greeting(widget):
    teaser = widget.find(".teaser")
    return widget.find(".teaser p").text if teaser.is_displayed() else None


@pytest.mark.parametrize("page,browser_lang,greeting", CASES)
def test_greets_where_it_helps_once(relay, browsers, page, browser_lang, greeting):
    widget = Widget(browsers(browser_lang), relay.base).visit(page)
    assert _shown_greeting(widget) is None, "the greeting waits before it shows"
    shown = wait(widget.driver, lambda d: _shown_greeting(widget), f"no greeting on {page}")
    assert shown.startswith(greeting), shown
    assert widget.find(".teaser").get_attribute("lang") == browser_lang[:2]
    screenshot(widget.driver, f"widget-greeting-{page.split('.')[0]}")

    # The greeting opens the chat; a visitor who answered it is not greeted again, even with the chat closed.
    widget.find(".teaser p").click()
    wait(widget.driver, lambda d: widget.find(".panel").is_displayed(), "the greeting did not open the chat")
    assert not widget.find(".teaser").is_displayed()
    widget.find(".launcher").click()
    wait(widget.driver, lambda d: not widget.find(".panel").is_displayed(), "the chat did not close")
    widget.visit("product.html")
    assert not widget.find(".panel").is_displayed(), "the chat stays closed on the next page"
    time.sleep(GREETING_DELAY + 1.5)
    assert _shown_greeting(widget) is None, "greeted again after the visitor answered"


def test_never_greets_on_the_checkout(relay, browsers):
    widget = Widget(browsers("en-US"), relay.base).visit("checkout.html")
    time.sleep(GREETING_DELAY + 1.5)
    assert _shown_greeting(widget) is None, "greeted on the checkout"
    assert widget.find(".launcher").is_displayed(), "the chat stays one click away"
