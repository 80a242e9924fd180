import Foundation
import ParleyText
import ParleyTranslation
import Testing

@Suite("Phrasebook slots")
struct PhrasebookSlotTests {
    /// The output with no-break spaces (which ICU puts between amounts and currency signs) as plain spaces.
    private func translate(_ text: String, _ source: LanguageCode, _ target: LanguageCode) -> TranslatedSegment {
        var result = PhrasebookFixtures.translate(text, source, target)
        result.text = result.text.replacingOccurrences(of: "\u{A0}", with: " ")
        return result
    }

    @Test func datesAreWrittenTheTargetsWay() {
        let german = "Ihre Bestellung wurde am 12.03.2026 versandt."
        #expect(
            translate(german, "de", "en") == .init(text: "Your order was shipped on 03/12/2026.", quality: .phrasebook))
        #expect(translate("Your order was shipped on 3/12/2026.", "en", "de").text == german)
        #expect(
            translate("Your order was shipped on 2026-03-12.", "en", "tr").text
                == "Siparişiniz 12.03.2026 tarihinde kargoya verildi.")
        #expect(
            translate("Teie tellimus saadeti välja 12.03.2026.", "et", "en").text
                == "Your order was shipped on 03/12/2026.")
    }

    @Test func amountsAreWrittenTheTargetsWay() {
        #expect(
            translate("Der Preis beträgt 19,99 €.", "de", "en")
                == .init(text: "The price is €19.99.", quality: .phrasebook))
        #expect(translate("The price is €19.99.", "en", "de").text == "Der Preis beträgt 19,99 €.")
        #expect(translate("The price is 19.99 EUR.", "en", "et").text == "Hind on 19,99 €.")
        #expect(translate("Der Preis beträgt 1.234,50 €.", "de", "en").text == "The price is €1,234.50.")
        #expect(translate("Fiyatı 250 TL.", "tr", "de").text == "Der Preis beträgt 250,00 TRY.")
        #expect(translate("Hind on 1\u{A0}234,50\u{A0}€.", "et", "en").text == "The price is €1,234.50.")
        #expect(
            translate("Ab 50 € ist der Versand kostenlos.", "de", "tr").text
                == "€50,00 üzeri siparişlerde kargo ücretsiz.")
    }

    @Test func groupedNumbersUseTheTargetsSeparatorsAndIdentifiersStayAsWritten() {
        #expect(translate("Es sind noch 1.250 Stück verfügbar.", "de", "en").text == "There are 1,250 pieces left.")
        #expect(translate("Meine Bestellnummer ist 100234.", "de", "en").text == "My order number is 100234.")
        #expect(translate("My order number is #A-2026-77.", "en", "tr").text == "Sipariş numaram #A-2026-77.")
        #expect(translate("Wir sind von 9 bis 18 Uhr erreichbar.", "de", "en").text == "We are available from 9 to 18.")
        #expect(translate("Oleme avatud kell 9–18.", "et", "de").text == "Wir sind von 9 bis 18 Uhr erreichbar.")
    }

    @Test func emailsURLsAndNamesAreCopiedVerbatim() {
        #expect(
            translate("Meine E-Mail-Adresse ist Anna.Schmidt@example.de.", "de", "en")
                == .init(text: "My e-mail address is Anna.Schmidt@example.de.", quality: .phrasebook))
        #expect(
            translate("Hier können Sie Ihre Sendung verfolgen: https://track.example.com/a?b=1", "de", "et").text
                == "Saadetist saate jälgida siin: https://track.example.com/a?b=1")
        #expect(translate("Ich bin Jörg vom Kundenservice.", "de", "tr").text == "Ben müşteri hizmetlerinden Jörg.")
    }

    /// A phrase with a slot never matches a sentence whose value is of another kind.
    @Test func slotsOnlyTakeTheirKindOfValue() {
        #expect(translate("Der Preis beträgt 12.03.2026.", "de", "en").quality == .untranslated)
        #expect(translate("Ihre Bestellung wurde am 19,99 € versandt.", "de", "en").quality == .untranslated)
    }
}
