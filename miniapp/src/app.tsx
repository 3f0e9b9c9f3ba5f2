import { QueryClientProvider } from "@tanstack/react-query";
import { Route } from "react-router-dom";
import { AnimationRoutes, App as ZaloApp, SnackbarProvider, ZMPRouter } from "zmp-ui";
import { AccountsPage } from "./features/admin/accounts-page";
import { FaqsPage } from "./features/admin/faqs-page";
import { LocalProceduresPage } from "./features/admin/local-procedures-page";
import { FieldPage } from "./features/catalog/field-page";
import { ChatPage } from "./features/chat/chat-page";
import { MyChatsPage } from "./features/chat/my-chats-page";
import { NewChatPage } from "./features/chat/new-chat-page";
import { InboxPage } from "./features/staff/inbox-page";
import { StaffLoginPage } from "./features/staff/staff-login-page";
import { StaffThreadPage } from "./features/staff/staff-thread-page";
import { ContactPage } from "./features/contact/contact-page";
import { HomePage } from "./features/catalog/home-page";
import { ProcedurePage } from "./features/catalog/procedure-page";
import { SearchPage } from "./features/catalog/search-page";
import { WardPickerPage } from "./features/wards/ward-picker-page";
import { NoticesPage } from "./features/notices/notices-page";
import { NoticesAdminPage } from "./features/admin/notices-admin-page";
import { MyDataPage } from "./features/privacy/my-data-page";
import { PrivacyPage } from "./features/privacy/privacy-page";
import { StaffPrivacyPage } from "./features/staff/staff-privacy-page";
import { CurrentWardProvider } from "./lib/current-ward";
import { queryClient } from "./lib/query";

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <CurrentWardProvider>
        <ZaloApp>
          <SnackbarProvider>
            <ZMPRouter>
              <AnimationRoutes>
                <Route path="/" element={<HomePage />} />
                <Route path="/ward" element={<WardPickerPage />} />
                <Route path="/search" element={<SearchPage />} />
                <Route path="/fields/:field" element={<FieldPage />} />
                <Route path="/procedures/:code" element={<ProcedurePage />} />
                <Route path="/contact" element={<ContactPage />} />
                <Route path="/notices" element={<NoticesPage />} />
                <Route path="/chat" element={<MyChatsPage />} />
                <Route path="/chat/new" element={<NewChatPage />} />
                <Route path="/chat/:id" element={<ChatPage />} />
                <Route path="/privacy" element={<PrivacyPage />} />
                <Route path="/my-data" element={<MyDataPage />} />
                <Route path="/staff" element={<StaffLoginPage />} />
                <Route path="/staff/privacy" element={<StaffPrivacyPage />} />
                <Route path="/staff/inbox" element={<InboxPage />} />
                <Route path="/staff/c/:id" element={<StaffThreadPage />} />
                <Route path="/staff/accounts" element={<AccountsPage />} />
                <Route path="/staff/faqs" element={<FaqsPage />} />
                <Route path="/staff/local-procedures" element={<LocalProceduresPage />} />
                <Route path="/staff/notices" element={<NoticesAdminPage />} />
              </AnimationRoutes>
            </ZMPRouter>
          </SnackbarProvider>
        </ZaloApp>
      </CurrentWardProvider>
    </QueryClientProvider>
  );
}
