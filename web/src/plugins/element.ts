// Element Plus, registered on demand: only the components and icons the app uses, each
// with its own stylesheet. Add a component here when a view starts using it.
import type { App, Component } from 'vue'
import {
  ElAlert, ElAside, ElAvatar, ElBadge, ElButton, ElCard, ElCascader, ElCheckbox, ElCheckboxButton,
  ElCheckboxGroup, ElCheckTag, ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions,
  ElDescriptionsItem, ElDialog, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty,
  ElForm, ElFormItem, ElHeader, ElIcon, ElImage, ElInput, ElInputNumber, ElLoading, ElMain, ElMenu,
  ElMenuItem, ElOption, ElOptionGroup, ElPagination, ElProgress, ElRadio, ElRadioButton, ElRadioGroup,
  ElRate, ElResult, ElSelect, ElStep, ElSteps, ElSwitch, ElTabPane, ElTable, ElTableColumn, ElTabs, ElTag,
  ElTimeline, ElTimelineItem, ElTimeSelect,
} from 'element-plus'
import {
  AlarmClock, ArrowDown, ArrowLeft, ArrowRight, Bell, Calendar, ChatDotRound, CircleCheckFilled, DataAnalysis, Document,
  Download, Edit, EditPen, Expand, Fold, Histogram, HomeFilled, Loading, Location, Lock, Message, OfficeBuilding, Phone,
  Plus, Promotion, Search, Check, Setting, SetUp, SwitchButton, Tickets, Upload, UploadFilled, User, UserFilled, View,
} from '@element-plus/icons-vue'

import 'element-plus/es/components/alert/style/css'
import 'element-plus/es/components/aside/style/css'
import 'element-plus/es/components/avatar/style/css'
import 'element-plus/es/components/badge/style/css'
import 'element-plus/es/components/button/style/css'
import 'element-plus/es/components/card/style/css'
import 'element-plus/es/components/cascader/style/css'
import 'element-plus/es/components/checkbox/style/css'
import 'element-plus/es/components/checkbox-button/style/css'
import 'element-plus/es/components/checkbox-group/style/css'
import 'element-plus/es/components/check-tag/style/css'
import 'element-plus/es/components/config-provider/style/css'
import 'element-plus/es/components/container/style/css'
import 'element-plus/es/components/date-picker/style/css'
import 'element-plus/es/components/descriptions/style/css'
import 'element-plus/es/components/descriptions-item/style/css'
import 'element-plus/es/components/dialog/style/css'
import 'element-plus/es/components/drawer/style/css'
import 'element-plus/es/components/dropdown/style/css'
import 'element-plus/es/components/dropdown-item/style/css'
import 'element-plus/es/components/dropdown-menu/style/css'
import 'element-plus/es/components/empty/style/css'
import 'element-plus/es/components/form/style/css'
import 'element-plus/es/components/form-item/style/css'
import 'element-plus/es/components/header/style/css'
import 'element-plus/es/components/icon/style/css'
import 'element-plus/es/components/image/style/css'
import 'element-plus/es/components/image-viewer/style/css'
import 'element-plus/es/components/input/style/css'
import 'element-plus/es/components/input-number/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/main/style/css'
import 'element-plus/es/components/menu/style/css'
import 'element-plus/es/components/menu-item/style/css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/option/style/css'
import 'element-plus/es/components/option-group/style/css'
import 'element-plus/es/components/pagination/style/css'
import 'element-plus/es/components/progress/style/css'
import 'element-plus/es/components/radio/style/css'
import 'element-plus/es/components/radio-button/style/css'
import 'element-plus/es/components/radio-group/style/css'
import 'element-plus/es/components/rate/style/css'
import 'element-plus/es/components/result/style/css'
import 'element-plus/es/components/select/style/css'
import 'element-plus/es/components/step/style/css'
import 'element-plus/es/components/steps/style/css'
import 'element-plus/es/components/switch/style/css'
import 'element-plus/es/components/table/style/css'
import 'element-plus/es/components/table-column/style/css'
import 'element-plus/es/components/tab-pane/style/css'
import 'element-plus/es/components/tabs/style/css'
import 'element-plus/es/components/tag/style/css'
import 'element-plus/es/components/timeline/style/css'
import 'element-plus/es/components/timeline-item/style/css'
import 'element-plus/es/components/time-select/style/css'

const components: Component[] = [
  ElAlert, ElAside, ElAvatar, ElBadge, ElButton, ElCard, ElCascader, ElCheckbox, ElCheckboxButton,
  ElCheckboxGroup, ElCheckTag, ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions,
  ElDescriptionsItem, ElDialog, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty,
  ElForm, ElFormItem, ElHeader, ElIcon, ElImage, ElInput, ElInputNumber, ElMain, ElMenu, ElMenuItem,
  ElOption, ElOptionGroup, ElPagination, ElProgress, ElRadio, ElRadioButton, ElRadioGroup, ElRate, ElResult,
  ElSelect, ElStep, ElSteps, ElSwitch, ElTabPane, ElTable, ElTableColumn, ElTabs, ElTag, ElTimeline,
  ElTimelineItem, ElTimeSelect,
]

const icons: Record<string, Component> = {
  AlarmClock, ArrowDown, ArrowLeft, ArrowRight, Bell, Calendar, ChatDotRound, CircleCheckFilled, DataAnalysis, Document,
  Download, Edit, EditPen, Expand, Fold, Histogram, HomeFilled, Loading, Location, Lock, Message, OfficeBuilding, Phone,
  Plus, Promotion, Search, Check, Setting, SetUp, SwitchButton, Tickets, Upload, UploadFilled, User, UserFilled, View,
}

export function installElement(app: App) {
  for (const c of components) app.use(c as unknown as { install: (a: App) => void })
  app.use(ElLoading)
  for (const [name, icon] of Object.entries(icons)) app.component(name, icon)
}
