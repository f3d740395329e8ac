// Who carries how much (工作量): open and overdue requests per person in the caller's area, leave
// (nobody on leave is given new requests) and handing someone's open work to colleagues.
// Needs requests.assign. Contract: docs/http-api.md, "Requests (诉求工单)".
import { http, type RequestOptions } from './http'

export interface Leave {
  /** YYYY-MM-DD, the first day away. */
  from: string
  /** YYYY-MM-DD, the last day away. */
  until: string
  note: string
}

export interface WorkloadPerson {
  user_id: string
  display_name: string
  role: string
  scope_name: string
  open: number
  overdue: number
  /** The server's measure of load (open work, overdue counting more); the list is heaviest first. */
  weight: number
  /** Planned or current leave; null when none. */
  leave: Leave | null
  on_leave: boolean
}

const W = '/api/v1/requests/workload'
const person = (userId: string) => `${W}/${encodeURIComponent(userId)}`

export const getWorkload = () => http.get<{ people: WorkloadPerson[] }>(W)

export const setLeave = (userId: string, leave: Leave, o?: RequestOptions) =>
  http.put<WorkloadPerson>(`${person(userId)}/leave`, leave, o)

export const endLeave = (userId: string, o?: RequestOptions) => http.del<WorkloadPerson>(`${person(userId)}/leave`, o)

/** Their open requests go to the least-loaded colleagues. */
export const handOver = (userId: string, o?: RequestOptions) =>
  http.post<{ moved: number }>(`${person(userId)}/handover`, undefined, o)

/** Who may take this request (the rule the server applies to `assign`), free hands first. */
export const getAssignees = (requestId: string) =>
  http.get<{ people: WorkloadPerson[] }>(`/api/v1/requests/${encodeURIComponent(requestId)}/assignees`)
