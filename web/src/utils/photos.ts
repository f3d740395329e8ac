// Photos of a request: the limits the server enforces, checked first in the browser so a wrong
// pick is refused at once; the image type read from the file's first bytes (a renamed text file
// is not a photo); uploading several and collecting what failed, with why.
import { t } from '@/locales'
import { ApiError, errorText, fieldErrorText } from '@/api/http'
import { uploadPhoto } from '@/api/requests'

export const MAX_PHOTOS = 6
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp'

/** image/jpeg, image/png or image/webp from the file's signature; null for anything else. */
export async function sniffImageType(file: Blob): Promise<string | null> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer())
  const at = (i: number, bytes: number[]) => bytes.every((x, k) => b[i + k] === x)
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp'
  return null
}

/** A file the user picked that passed the checks, with its type and a preview address. */
export interface PickedPhoto {
  file: File
  type: string
  url: string
}

/** Why a file was refused or failed, to show beside its name. */
export interface PhotoProblem {
  name: string
  reason: string
}

/**
 * Checks the picked files in order against the room left (`room` more photos may be added).
 * Accepted files come back with their type and a preview URL (revoke it with releasePhoto).
 */
export async function checkPhotos(files: File[], room: number): Promise<{ ok: PickedPhoto[]; refused: PhotoProblem[] }> {
  const ok: PickedPhoto[] = []
  const refused: PhotoProblem[] = []
  for (const file of files) {
    const type = await sniffImageType(file)
    if (!type) refused.push({ name: file.name, reason: t('requests.photos.notImage') })
    else if (file.size > MAX_PHOTO_BYTES) refused.push({ name: file.name, reason: t('requests.photos.tooLarge') })
    else if (ok.length >= room) refused.push({ name: file.name, reason: t('requests.photos.tooMany', { n: MAX_PHOTOS }) })
    else ok.push({ file, type, url: URL.createObjectURL(file) })
  }
  return { ok, refused }
}

export const releasePhoto = (p: PickedPhoto) => URL.revokeObjectURL(p.url)

/** The server's refusal of one photo in words (not an image, too large, already six). */
export function photoErrorText(e: unknown): string {
  if (e instanceof ApiError && e.status === 413) return t('requests.photos.tooLarge')
  if (e instanceof ApiError && e.field) return fieldErrorText(e)
  return errorText(e)
}

/** Uploads the photos one by one; resolves with the ones that failed (none: all stored). */
export async function uploadPhotos(requestId: string, photos: PickedPhoto[]): Promise<PhotoProblem[]> {
  const failed: PhotoProblem[] = []
  for (const p of photos) {
    try {
      await uploadPhoto(requestId, p.file, p.type, { silent: true })
    } catch (e) {
      failed.push({ name: p.file.name, reason: photoErrorText(e) })
    }
  }
  return failed
}

// The file page hands the failures to the detail page it opens next, where they can be retried.
const pending = new Map<string, PhotoProblem[]>()
export const leavePhotoFailures = (requestId: string, failed: PhotoProblem[]) => failed.length && pending.set(requestId, failed)
export function takePhotoFailures(requestId: string): PhotoProblem[] {
  const failed = pending.get(requestId) ?? []
  pending.delete(requestId)
  return failed
}
