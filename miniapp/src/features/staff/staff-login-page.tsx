import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { AppHeader } from "../../components/app-header";
import { staffLogin } from "../../lib/session";

export function StaffLoginPage() {
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const login = useMutation({
    mutationFn: () => staffLogin(username.trim(), password),
    onSuccess: () => navigate("/staff/inbox", { replace: true }),
  });
  return (
    <Page className="page">
      <AppHeader title="Cán bộ đăng nhập" />
      <Box className="card">
        <form
          className="login-form"
          onSubmit={(e) => {
            e.preventDefault();
            login.mutate();
          }}
        >
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
