"""The local offer's public pages: server-rendered HTML in the GOV.UK Design System's
patterns, served with GOV.UK Frontend's own CSS, JavaScript and fonts from this service,
and working without JavaScript."""
