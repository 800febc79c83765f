// Element Plus's message box with its styles, for the layout's logout confirmation, imported only when it is shown.
export { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';
