// GOV.UK Frontend's components, started once the module has loaded (a file of its own: the
// pages' Content-Security-Policy allows no inline script).
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
