// Parley visitor widget loader. Embed with one tag:
//   <script src="https://relay.example/widget/widget.js" data-site="shop" async></script>
// Optional attributes: data-lang (force a language), data-greeting ("off", "cart", "product", "subscription";
// default: by path), data-greeting-delay (ms), data-hours ("1-5 09:00-18:00 Europe/Berlin"), data-wait-notice (ms
// without an answer before the visitor is told one is coming; 0: never). Loads the ES modules next to this file; no
// build step.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.customElements || document.querySelector('parley-chat')) return;
  var src = new URL(script.src, location.href);
  var host = document.createElement('parley-chat');
  host.dataset.server = src.origin;
  ['site', 'lang', 'greeting', 'greetingDelay', 'hours', 'waitNotice'].forEach(function (key) {
    if (script.dataset[key]) host.dataset[key] = script.dataset[key];
  });
  import(new URL('element.js', src).href).then(function (module) {
    module.define();
    document.body.appendChild(host);
  });
})();
