// Page rules (proactive greeting) and business hours. Pure functions; `now` is always passed in.

import { formatDays, formatTime } from './i18n.js';

/**
 * Which greeting (a catalogue key) a page gets, or null. `setting` is the embedding tag's `data-greeting`:
 * "off"/"never" disables it, "cart"/"product" forces one, anything else applies the path rule:
 * never on checkout or payment pages, the cart greeting on cart/basket pages, the product one on product pages.
 */
export function greetingFor(pathname, setting) {
  const s = String(setting ?? 'auto').toLowerCase();
  if (s === 'off' || s === 'never' || s === 'false') return null;
  const path = String(pathname ?? '').toLowerCase();
  if (/checkout|payment|kasse|odeme|ödeme|maksa/.test(path)) return null;
  if (s === 'cart') return 'greetingCart';
  if (s === 'product') return 'greetingProduct';
  if (/cart|basket|warenkorb|sepet|ostukorv/.test(path)) return 'greetingCart';
  if (/product|produkt|urun|ürün|toode/.test(path)) return 'greetingProduct';
  return null;
}

/**
 * Parses business hours "1-5 09:00-18:00 Europe/Berlin" (ISO weekdays, 24-hour times, optional IANA zone).
 * Returns null when the text does not match.
 */
export function parseHours(text) {
  const m = /^\s*([1-7])(?:-([1-7]))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})(?:\s+([A-Za-z_+\-/]+))?\s*$/.exec(text ?? '');
  if (!m) return null;
  const minutes = (h, mm) => Number(h) * 60 + Number(mm);
  return {
    firstDay: Number(m[1]),
    lastDay: Number(m[2] ?? m[1]),
    open: minutes(m[3], m[4]),
    close: minutes(m[5], m[6]),
    timeZone: m[7] || 'UTC',
  };
}

const WEEKDAYS = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function localParts(now, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type) => parts.find((p) => p.type === type)?.value;
  return { day: WEEKDAYS[get('weekday')], minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whether `now` is inside the hours, and the localized line to show ("Open Mon–Fri, 09:00–18:00"). */
export function hoursStatus(hours, now, lang, t) {
  if (!hours) return null;
  const { day, minutes } = localParts(now, hours.timeZone);
  const onDay = day >= hours.firstDay && day <= hours.lastDay;
  const open = onDay && minutes >= hours.open && minutes < hours.close;
  const clock = (total) => formatTime(lang, new Date(Date.UTC(2024, 0, 1, Math.floor(total / 60), total % 60)), 'UTC');
  const line = t('hours', {
    days: formatDays(lang, hours.firstDay, hours.lastDay),
    from: clock(hours.open),
    to: clock(hours.close),
  });
  return { open, line };
}
