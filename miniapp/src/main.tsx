import React from "react";
import { createRoot } from "react-dom/client";
import "zmp-ui/zaui.css";
import "./styles/app.css";
import appConfig from "../app-config.json";
import { App } from "./app";

if (!window.APP_CONFIG) window.APP_CONFIG = appConfig;

createRoot(document.getElementById("app")!).render(React.createElement(App));
