import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { staffLogin, staffZaloLogin } from "../../lib/session";
import { isInZalo } from "../../lib/zalo";

export function StaffLoginPage() {
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [linkCode, setLinkCode] = useState("");
  const done = () => navigate("/staff/inbox", { replace: true });
  const login = useMutation({ mutationFn: () => staffLogin(username.trim(), password), onSuccess: done });
  const zalo = useMutation({ mutationFn: () => staffZaloLogin(linkCode.trim() ? { linkCode: linkCode.trim(), username: username.trim() } : undefined), onSuccess: done });
  const zaloAvailable = isInZalo() || import.meta.env.DEV;
  return (
    <Page className="page">
      <AppHeader title="Cán bộ đăng nhập" />
      {zaloAvailable && (
        <Box className="card login-form">
          <Text.Title size="small">Đăng nhập bằng Zalo</Text.Title>
          <Text size="small" className="muted">
            Lần đầu, nhập tên đăng nhập của bạn và mã liên kết 8 số do quản trị phường cấp (hiệu lực 15 phút, sai 5 lần thì mã hết hiệu lực). Từ lần sau
            chỉ cần bấm nút.
          </Text>
          <label>
            Mã liên kết (lần đầu)
            <input
              className="text-input"
              inputMode="numeric"
              maxLength={8}
              value={linkCode}
              onChange={(e) => setLinkCode(e.target.value.replace(/\D/g, ""))}
            />
          </label>
          {linkCode.length > 0 && (
            <label>
              Tên đăng nhập
              <input className="text-input" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
            </label>
          )}
          {zalo.isError && <Text className="warning">{(zalo.error as Error).message}</Text>}
          <Button
            variant="secondary"
            loading={zalo.isPending}
            disabled={linkCode.length > 0 && (linkCode.length !== 8 || !username.trim())}
            onClick={() => zalo.mutate()}
          >
            Đăng nhập bằng Zalo
          </Button>
        </Box>
      )}
      <Box className="card">
        <form
          className="login-form"
          onSubmit={(e) => {
            e.preventDefault();
            login.mutate();
          }}
        >
          <Text.Title size="small">Tên đăng nhập và mật khẩu</Text.Title>
          <label>
            Tên đăng nhập
            <input className="text-input" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label>
            Mật khẩu
            <input className="text-input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {login.isError && <Text className="warning">{(login.error as Error).message}</Text>}
          <Button htmlType="submit" loading={login.isPending} disabled={!username || !password}>
            Đăng nhập
          </Button>
        </form>
      </Box>
    </Page>
  );
}
