// Injected into a copy of a reveal.js deck by tests/test_reveal.py. Once the deck has
// typeset and fitted its equations, visit every slide with all its fragments shown and record, on
// <body data-probe="...">, what a lecturer would see go wrong: formulas MathJax could
// not read, content past the slide's edges, equations squeezed or shrunk to fit.
(function () {
  function measure() {
    var config = Reveal.getConfig();
    var report = {slides: 0, typeset: document.querySelectorAll('mjx-container').length,
                  errors: document.querySelectorAll(
                    'mjx-merror, [data-mjx-error], [data-mml-node="merror"]').length,
                  overflow: [], squeezed: [], shrunk: [], text: ''};
    Reveal.getSlides().forEach(function (slide) {
      var at = Reveal.getIndices(slide);
      Reveal.slide(at.h, at.v, 1000);
      report.slides += 1;
      // the slide is config.width wide in its own pixels, whatever scaling the browser applies
      var box = slide.getBoundingClientRect(), scale = box.width / config.width;
      var bottom = 0, right = 0;
      slide.querySelectorAll('*').forEach(function (element) {
        if (element.closest('mjx-assistive-mml')) { return; }  // clipped, for screen readers
        var r = element.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          bottom = Math.max(bottom, (r.bottom - box.top) / scale);
          right = Math.max(right, (r.right - box.left) / scale);
        }
      });
      if (bottom > config.height + 1 || right > config.width + 1) {
        report.overflow.push([at.h, at.v, Math.round(right), Math.round(bottom)]);
      }
      // MathJax squeezes an equation wider than its line into it: a font too small to read
      slide.querySelectorAll('mjx-container').forEach(function (container) {
        var svg = container.querySelector('svg');
        var drawn = svg ? svg.getBoundingClientRect().width : 0;
        if (!drawn) { return; }
        var ruler = document.createElement('span');
        ruler.style.cssText = 'position:absolute;visibility:hidden;width:100ex';
        container.appendChild(ruler);
        var natural = parseFloat(svg.getAttribute('width')) * ruler.getBoundingClientRect().width / 100;
        container.removeChild(ruler);
        if (drawn < 0.99 * natural) {
          report.squeezed.push([at.h, at.v, Math.round(100 * drawn / natural) + '%']);
        }
      });
      slide.querySelectorAll('.symmem-eq').forEach(function (eq) {
        if (eq.style.fontSize) { report.shrunk.push([at.h, at.v, eq.style.fontSize]); }
      });
    });
    // the words on the slides, without the formulas (typeset, so no TeX is left)
    var copy = document.querySelector('.reveal .slides').cloneNode(true);
    copy.querySelectorAll('mjx-container, script, style').forEach(function (e) { e.remove(); });
    report.text = copy.textContent;
    document.body.setAttribute('data-probe', JSON.stringify(report));
  }
  // the deck marks <html data-symmem-ready> once its equations are typeset and fitted
  var wait = setInterval(function () {
    if (document.documentElement.hasAttribute('data-symmem-ready')) {
      clearInterval(wait);
      measure();
    }
  }, 50);
})();
