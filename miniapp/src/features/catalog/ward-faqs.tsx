import { useNavigate } from "react-router-dom";
import { Box, Text } from "zmp-ui";
import { useWardFaqs } from "./queries";

/** "Câu hỏi thường gặp": what the citizen's ward answers itself; hidden when it has none. */
export function WardFaqs({ wardCode, wardName }: { wardCode?: string; wardName?: string }) {
  const navigate = useNavigate();
  const faqs = useWardFaqs(wardCode);
  if (!faqs.data?.items.length) return null;
  return (
    <Box className="section ward-faqs">
      <h2 className="section-title">
        {wardName ? `${wardName} trả lời` : "Câu hỏi thường gặp"}
      </h2>
      {faqs.data.items.map((f) => (
        <details key={f.id} className="card faq-item">
          <summary>{f.question}</summary>
          <p className="faq-answer">{f.answer}</p>
          {f.procedureCode && (
            <button type="button" className="link-button" onClick={() => navigate(`/procedures/${encodeURIComponent(f.procedureCode!)}`)}>
              Xem thủ tục: {f.procedureName}
            </button>
          )}
        </details>
      ))}
    </Box>
  );
}
