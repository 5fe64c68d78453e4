package probes

import (
	"context"
	"testing"
)

// benchProbe times a probe on its largest real sample.
func benchProbe(b *testing.B, p Probe, file string) {
	in := Input{Text: sample(b, file), Now: clock, OS: "linux"}
	b.SetBytes(int64(len(in.Text)))
	b.ReportAllocs()
	for b.Loop() {
		p.Run(context.Background(), in)
	}
}

func BenchmarkJWT(b *testing.B) { benchProbe(b, JWT{}, "jwt/msdocs_access_token_v1.jwt") }
func BenchmarkAADSTS(b *testing.B) {
	benchProbe(b, AADSTS{}, "aadsts/dotnetsign_issue849_msal_7000222.txt")
}
func BenchmarkHTTPStatus(b *testing.B) {
	benchProbe(b, HTTPStatus{}, "httpstatus/graph_m365dsc_issue4427_lifetime_expired_ps.txt")
}
func BenchmarkClock(b *testing.B) { benchProbe(b, Clock{}, "aadsts/azurecli_issue14244_700082.txt") }
func BenchmarkDsregcmd(b *testing.B) {
	benchProbe(b, Dsregcmd{}, "dsregcmd/idx67093621629_workplace_joined_full.txt")
}
func BenchmarkCredentials(b *testing.B) {
	benchProbe(b, Credentials{}, "credentials/idx36503001467_pentest_report_cmdkey_msa_device.txt")
}
func BenchmarkClientError(b *testing.B) {
	benchProbe(b, ClientError{}, "clienterror/idx52045758390_aad_operational_log_xmlhttp_timeout.txt")
}
