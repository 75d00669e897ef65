// The sign-in page's words in the browser's language (the console's own choice, when one was made, wins).
(function () {
  var words = {
    es: { lead: '¿Qué pasó con cada mensaje de WhatsApp?', username: 'Correo electrónico', password: 'Contraseña',
      submit: 'Iniciar sesión', error: 'Correo o contraseña incorrectos.', logout: 'Cerró la sesión.' },
    pt: { lead: 'O que aconteceu com cada mensagem do WhatsApp.', username: 'E-mail', password: 'Senha',
      submit: 'Entrar', error: 'E-mail ou senha incorretos.', logout: 'Você saiu.' },
  };
  var chosen = null;
  try { chosen = localStorage.getItem('rastro.lang'); } catch (e) { /* storage off */ }
  var langs = chosen ? [chosen] : (navigator.languages || [navigator.language]);
  for (var i = 0; i < langs.length; i++) {
    var code = String(langs[i]).slice(0, 2).toLowerCase();
    if (code === 'en') return;
    if (words[code]) {
      document.documentElement.lang = code;
      document.querySelectorAll('[data-t]').forEach(function (el) {
        var w = words[code][el.getAttribute('data-t')];
        if (w) el.textContent = w;
      });
      return;
    }
  }
})();
