# The dashboard as a container; docker-compose.yml pairs it with postgres:15.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/CsKpi.Web -c Release -o /app/web && dotnet publish src/CsKpi.Cli -c Release -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app/web ./
COPY --from=build /app/cli ./cli/
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
# The aspnet image has no curl or wget: bash's /dev/tcp asks /healthz, healthy on a 200. A backslash continues the
# line inside the command string (the indentation becomes spaces between the shell's words).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["bash", "-c", \
    "exec 3<>/dev/tcp/127.0.0.1/8080 \
        && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 \
        && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "CsKpi.Web.dll"]
