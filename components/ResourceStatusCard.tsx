import { Button } from "./Button.tsx";
import { Card } from "./Card.tsx";
import { Dialog, DialogTrigger } from "./Dialog.tsx";

export interface ResourceStatusCardProps {
  title: string;
  active: boolean;
  /** What deactivating (or, when inactive, reactivating) means for this kind of record. */
  explanation: string;
  /** E.g. "3 upcoming sessions keep this room", shown while there are any. */
  upcoming?: string;
  deactivateLabel: string;
  reactivateLabel: string;
  deleteLabel: string;
  deleteExplanation: string;
  /** The confirmation dialog's question, e.g. "Delete Studio A?". */
  deleteQuestion: string;
  cancelLabel: string;
  closeLabel: string;
}

/**
 * Taking a room or an engineer off the booking pages and back, and deleting one that no session
 * ever used (after a confirmation dialog). Each action is its own form posting `intent`.
 */
export function ResourceStatusCard(props: ResourceStatusCardProps) {
  return (
    <Card title={props.title}>
      <div class="flex flex-col gap-4">
        <p class="text-sm text-ink-muted">{props.explanation}</p>
        {props.upcoming && <p class="text-sm font-medium text-warning-800">{props.upcoming}</p>}
        <div class="flex flex-wrap gap-3">
          <form method="post">
            <input type="hidden" name="intent" value={props.active ? "deactivate" : "reactivate"} />
            <Button type="submit" variant="secondary">
              {props.active ? props.deactivateLabel : props.reactivateLabel}
            </Button>
          </form>
        </div>
        <div class="flex flex-col gap-2 border-t border-line pt-4">
          <p class="text-sm text-ink-muted">{props.deleteExplanation}</p>
          <div>
            <DialogTrigger dialogId="delete-dialog" variant="danger">{props.deleteLabel}</DialogTrigger>
          </div>
          <DeleteResourceDialog
            question={props.deleteQuestion}
            explanation={props.deleteExplanation}
            deleteLabel={props.deleteLabel}
            cancelLabel={props.cancelLabel}
            closeLabel={props.closeLabel}
          />
        </div>
      </div>
    </Card>
  );
}

export interface DeleteResourceDialogProps {
  /** E.g. "Delete Studio A?". */
  question: string;
  explanation: string;
  deleteLabel: string;
  cancelLabel: string;
  closeLabel: string;
}

/** The confirmation a `delete-dialog` trigger opens; confirming posts `intent=delete`. */
export function DeleteResourceDialog(props: DeleteResourceDialogProps) {
  return (
    <Dialog
      id="delete-dialog"
      title={props.question}
      closeLabel={props.closeLabel}
      footer={
        <>
          <Button command="close" commandfor="delete-dialog" variant="secondary">
            {props.cancelLabel}
          </Button>
          <form method="post">
            <input type="hidden" name="intent" value="delete" />
            <Button type="submit" variant="danger">{props.deleteLabel}</Button>
          </form>
        </>
      }
    >
      <p class="text-sm">{props.explanation}</p>
    </Dialog>
  );
}
