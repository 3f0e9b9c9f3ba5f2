import { Button } from "zmp-ui";
import { ErrorState } from "../../components/states";

/** The end of an admin form: the save error, if any, then save and cancel. */
export function FormActions({ saving, error, onCancel, label = "Lưu" }: { saving: boolean; error: Error | null; onCancel: () => void; label?: string }) {
  return (
    <>
      {error && <ErrorState error={error} />}
      <div className="row">
        <Button htmlType="submit" size="small" loading={saving}>
          {label}
        </Button>
        <Button size="small" variant="tertiary" onClick={onCancel}>
          Hủy
        </Button>
      </div>
    </>
  );
}
