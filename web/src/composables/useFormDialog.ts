// The shared logic of the create / edit dialogs: reset the form when the dialog opens,
// validate on submit, show the saving spinner, and put a server error under the field it
// names (other errors go to the usual error message; a 401 is left to the login redirect).
import { reactive, ref, watch } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import { ApiError, errorField, fieldErrorText, showError } from '@/api/http'

export interface FormDialogOptions {
  /** The form model; a server error is shown under a field only when the model has it. */
  form: object
  /** Whether the dialog is open (the v-model). */
  open: () => boolean
  /** Fills the form when the dialog opens; errors and validation marks are cleared around it. */
  reset: () => void
  /** Closes the dialog after a successful save. */
  close: () => void
  /** The form item that shows a server error about `field` (default: the field itself). */
  fieldFor?: (field: string) => string | undefined
  /** Handles an error itself (e.g. a 409 after a colleague acted first); true: nothing more is shown. */
  handleError?: (e: unknown) => boolean
}

export function useFormDialog(options: FormDialogOptions) {
  const formRef = ref<FormInstance>()
  const saving = ref(false)
  const fieldErrors = reactive<Record<string, string>>({})
  const clearErr = (k: string) => delete fieldErrors[k]
  const clearErrors = () => Object.keys(fieldErrors).forEach(clearErr)

  watch(options.open, (open) => {
    if (!open) return
    clearErrors()
    options.reset()
    formRef.value?.clearValidate()
  })

  function onError(e: unknown) {
    if (options.handleError?.(e)) return
    const raw = errorField(e)
    const field = raw && options.fieldFor ? options.fieldFor(raw) : raw
    if (e instanceof ApiError && field && field in options.form) fieldErrors[field] = fieldErrorText(e)
    else if (!(e instanceof ApiError && e.status === 401)) showError(e)
  }

  /**
   * Validates, then runs `save`; on success shows `message(result)`, calls `done(result)` and
   * closes the dialog.
   */
  async function submit<T>(save: () => Promise<T>, message: (result: T) => string, done?: (result: T) => void) {
    clearErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      const result = await save()
      ElMessage({ type: 'success', message: message(result) })
      done?.(result)
      options.close()
    } catch (e) {
      onError(e)
    } finally {
      saving.value = false
    }
  }

  return { formRef, saving, fieldErrors, clearErr, clearErrors, submit }
}
