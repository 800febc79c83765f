// Element Plus's message box with its styles, imported only when a confirmation is shown (confirmed.ts): the helpers'
// shared chunk, which member screens load too, must not carry it (scripts/bundle-report.mjs).
export { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';
