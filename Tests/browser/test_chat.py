"""A visitor and an operator chat across languages, each reading their own, both seeing what was machine-translated."""

import pytest

from conftest import screenshot
from pages import Console, Widget, delivered, operator_messages, visitor_messages, wait

CASES = [
    # visitor language, visitor browser, operator language, visitor text, operator reply, widget label, language name
    pytest.param("tr", "tr-TR", "de", "Siparişim nerede?", "Ihre Bestellung wurde versandt.",
                 "Makine çevirisi", "Türkisch", "yazıyor", "schreibt", id="turkish-visitor-german-operator"),
    pytest.param("et", "et-EE", "en", "Kus on minu tellimus?", "Your order has been shipped.",
                 "Masintõlge", "Estonian", "kirjutab", "is typing", id="estonian-visitor-english-operator"),
]


@pytest.mark.parametrize(
    "visitor_lang,browser_lang,operator_lang,question,answer,label,language_name,visitor_typing,operator_typing", CASES)
def test_chat_across_languages(relay, browsers, visitor_lang, browser_lang, operator_lang, question, answer, label,
                               language_name, visitor_typing, operator_typing):
    widget = Widget(browsers(browser_lang), relay.base).visit("cart.html").open()
    assert widget.find("select").get_attribute("value") == visitor_lang, "language preselected from the browser"
    widget.send(question)
    widget.wait_messages(lambda ms: any(m["text"] == question and "own" in m["cls"] and delivered(m) for m in ms),
                         "the visitor's message was not delivered")
    conversation = widget.conversation_id()
    assert conversation

    console = Console(browsers("en-US"), relay.base).login(
        *relay.login(operator_lang), shot=lambda d: screenshot(d, f"console-login-{operator_lang}"))
    console.select(conversation)
    shown = console.wait_messages(
        lambda ms: any(m["orig"] == question and m["lang"] == operator_lang for m in visitor_messages(ms)),
        "the operator does not see the visitor's message translated, with the original")
    message = [m for m in visitor_messages(shown) if m["orig"] == question][0]
    assert message["text"] and message["text"] != question
    assert message["origLang"] == visitor_lang
    detected = " ".join(message["chips"])
    assert language_name in detected and "%" in detected, detected
    visitor_card = console.driver.find_element("id", "visitor").text
    assert "cart" in visitor_card.lower()
    screenshot(console.driver, f"console-{operator_lang}-{visitor_lang}")

    widget.find("textarea").send_keys("...")
    wait(console.driver, lambda d: operator_typing in d.find_element("id", "typing").text,
         "the operator does not see the visitor typing")
    console.driver.find_element("id", "reply").send_keys(answer[:3])
    wait(widget.driver, lambda d: visitor_typing in widget.find(".typing").text,
         "the visitor does not see the operator typing")
    console.reply(answer)
    console.wait_messages(lambda ms: any(m["text"] == answer and not m["chips"] for m in operator_messages(ms)),
                          "the operator's reply was not stored")
    seen = widget.wait_messages(
        lambda ms: any(m["orig"] == answer and m["lang"] == visitor_lang for m in operator_messages(ms)),
        "the visitor did not get the reply in their language")
    reply = [m for m in operator_messages(seen) if m["orig"] == answer][0]
    assert reply["text"] != answer
    assert reply["label"].startswith(label), reply["label"]
    assert reply["toggle"] == "false" and not reply["origVisible"], "the original is one tap away, not shown"
    index = seen.index(reply)
    widget.reveal_original(index)
    revealed = widget.wait_messages(lambda ms: ms[index]["toggle"] == "true" and ms[index]["origVisible"],
                                    "the original did not open")
    assert revealed[index]["orig"] == answer
    assert revealed[index]["origLang"] == operator_lang
    screenshot(widget.driver, f"widget-{visitor_lang}-{operator_lang}")


def test_conversation_survives_page_navigation(relay, browsers):
    widget = Widget(browsers("de-DE"), relay.base).visit("product.html").open()
    widget.send("Hallo, ist die Tasse spülmaschinenfest?")
    widget.wait_messages(lambda ms: any("own" in m["cls"] and delivered(m) for m in ms), "not delivered")
    conversation = widget.conversation_id()
    widget.visit("cart.html")
    assert widget.conversation_id() == conversation
    widget.open()
    widget.send("Und wie lange dauert der Versand?")
    texts = widget.wait_messages(lambda ms: len([m for m in visitor_messages(ms) if delivered(m)]) == 2,
                                 "the history did not follow the visitor")
    assert [m["text"] for m in visitor_messages(texts)] == [
        "Hallo, ist die Tasse spülmaschinenfest?", "Und wie lange dauert der Versand?"]
