// Vant's confirmation dialog with its styles, imported only when a member is asked something (asked.ts): the helpers'
// shared chunk, which the administrators' screens load too, must not carry Vant (scripts/bundle-report.mjs).
export { showConfirmDialog } from 'vant';
import 'vant/es/dialog/style';
