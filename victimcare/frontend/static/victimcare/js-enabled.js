// GOV.UK Frontend's marker that JavaScript runs (and whether its components are supported), set before the page
// is drawn. A file rather than GOV.UK's inline snippet: the Content Security Policy allows no inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
