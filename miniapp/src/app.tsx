import { PersistQueryClientProvider } from "@tanstack/react-query-persist-client";
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from "react";
import { Route } from "react-router-dom";
import { AnimationRoutes, App as ZaloApp, ZMPRouter } from "zmp-ui";
import { OfflineBanner } from "./components/offline-banner";
import { Skeleton } from "./components/states";
import { HomePage } from "./features/catalog/home-page";
import { ProcedurePage } from "./features/catalog/procedure-page";
import { CurrentWardProvider } from "./lib/current-ward";
import { persistOptions, queryClient } from "./lib/query";

// Chat, staff and admin screens load on first use: a citizen's first screen does not carry them.
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
// The citizen's other screens too, fetched in the background once the home screen is up, so
// they open at once and (in a browser) also after the network drops.
const citizenScreens = {
  ward: () => import("./features/wards/ward-picker-page"),
  search: () => import("./features/catalog/search-page"),
  field: () => import("./features/catalog/field-page"),
  checklist: () => import("./features/catalog/checklist-page"),
  contact: () => import("./features/contact/contact-page"),
  notices: () => import("./features/notices/notices-page"),
};
export function prefetchCitizenScreens(): void {
  for (const load of Object.values(citizenScreens)) void load().catch(() => {});
}
const WardPickerPage = page(citizenScreens.ward, "WardPickerPage");
const SearchPage = page(citizenScreens.search, "SearchPage");
const FieldPage = page(citizenScreens.field, "FieldPage");
const ChecklistPage = page(citizenScreens.checklist, "ChecklistPage");
const ContactPage = page(citizenScreens.contact, "ContactPage");
const NoticesPage = page(citizenScreens.notices, "NoticesPage");
const MyChatsPage = page(() => import("./features/chat/my-chats-page"), "MyChatsPage");
const NewChatPage = page(() => import("./features/chat/new-chat-page"), "NewChatPage");
const ChatPage = page(() => import("./features/chat/chat-page"), "ChatPage");
const PrivacyPage = page(() => import("./features/privacy/privacy-page"), "PrivacyPage");
const MyDataPage = page(() => import("./features/privacy/my-data-page"), "MyDataPage");
const StaffPrivacyPage = page(() => import("./features/staff/staff-privacy-page"), "StaffPrivacyPage");
// Staff and admin screens bring zmp-ui's snackbar (their save notices) with them.
const staffPage = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() =>
    Promise.all([load(), import("zmp-ui/snackbar-provider")]).then(([m, sp]) => {
      const Screen: ComponentType = m[name];
      const Snackbars = sp.default;
      return { default: () => <Snackbars><Screen /></Snackbars> };
    }),
  );
const StaffLoginPage = staffPage(() => import("./features/staff/staff-login-page"), "StaffLoginPage");
const InboxPage = staffPage(() => import("./features/staff/inbox-page"), "InboxPage");
const StaffThreadPage = staffPage(() => import("./features/staff/staff-thread-page"), "StaffThreadPage");
const AccountsPage = staffPage(() => import("./features/admin/accounts-page"), "AccountsPage");
const FaqsPage = staffPage(() => import("./features/admin/faqs-page"), "FaqsPage");
const LocalProceduresPage = staffPage(() => import("./features/admin/local-procedures-page"), "LocalProceduresPage");
const NoticesAdminPage = staffPage(() => import("./features/admin/notices-admin-page"), "NoticesAdminPage");
const FieldOrderPage = staffPage(() => import("./features/admin/field-order-page"), "FieldOrderPage");

const L = ({ c: C }: { c: LazyExoticComponent<ComponentType> }) => (
  <Suspense
    fallback={
      <div className="page lazy-fallback">
        <Skeleton lines={6} />
      </div>
    }
  >
    <C />
  </Suspense>
);
const OaConnectPage = staffPage(() => import("./features/zalo-oa/oa-connect-page"), "OaConnectPage");
// Development only: the Zalo chat simulator is not part of any build.
const ZaloChatSimPage = import.meta.env.DEV ? lazy(() => import("./features/zalo-oa/zalo-chat-sim-page").then((m) => ({ default: m.ZaloChatSimPage }))) : null;

export function App() {
  return (
    <PersistQueryClientProvider client={queryClient} persistOptions={persistOptions}>
      <CurrentWardProvider>
        <ZaloApp theme="light">
          <ZMPRouter>
            <OfflineBanner />
            <AnimationRoutes>
              <Route path="/" element={<HomePage />} />
              <Route path="/ward" element={<L c={WardPickerPage} />} />
              <Route path="/search" element={<L c={SearchPage} />} />
              <Route path="/fields/:field" element={<L c={FieldPage} />} />
              <Route path="/procedures/:code" element={<ProcedurePage />} />
              <Route path="/procedures/:code/checklist" element={<L c={ChecklistPage} />} />
              <Route path="/contact" element={<L c={ContactPage} />} />
              <Route path="/notices" element={<L c={NoticesPage} />} />
              <Route path="/chat" element={<L c={MyChatsPage} />} />
              <Route path="/chat/new" element={<L c={NewChatPage} />} />
              <Route path="/chat/:id" element={<L c={ChatPage} />} />
              <Route path="/privacy" element={<L c={PrivacyPage} />} />
              <Route path="/my-data" element={<L c={MyDataPage} />} />
              <Route path="/staff" element={<L c={StaffLoginPage} />} />
              <Route path="/staff/privacy" element={<L c={StaffPrivacyPage} />} />
              <Route path="/staff/inbox" element={<L c={InboxPage} />} />
              <Route path="/staff/c/:id" element={<L c={StaffThreadPage} />} />
              <Route path="/staff/accounts" element={<L c={AccountsPage} />} />
              <Route path="/staff/faqs" element={<L c={FaqsPage} />} />
              <Route path="/staff/local-procedures" element={<L c={LocalProceduresPage} />} />
              <Route path="/staff/notices" element={<L c={NoticesAdminPage} />} />
              <Route path="/staff/fields" element={<L c={FieldOrderPage} />} />
              <Route path="/staff/zalo-oa" element={<L c={OaConnectPage} />} />
              {ZaloChatSimPage && (
                <Route
                  path="/dev/zalo-chat"
                  element={
                    <Suspense fallback={null}>
                      <ZaloChatSimPage />
                    </Suspense>
                  }
                />
              )}
            </AnimationRoutes>
          </ZMPRouter>
        </ZaloApp>
      </CurrentWardProvider>
    </PersistQueryClientProvider>
  );
}
