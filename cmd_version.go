package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

func (a *app) versionCommand() *cobra.Command {
	var flowsFile string
	c := &cobra.Command{
		Use:   "version",
		Short: "Print the version and the tree file's hash",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			t, err := a.loadTree(flowsFile)
			if err != nil {
				return a.treeError(err)
			}
			fmt.Fprintf(a.stdout, "deskside %s (%s, %s/%s)\n", version, runtime.Version(), a.goos, runtime.GOARCH)
			fmt.Fprintf(a.stdout, "tree %s sha256:%s\n", t.File, t.SHA256)
			return nil
		},
	}
	c.Flags().StringVar(&flowsFile, "flows", "", "tree file to hash instead of the embedded one")
	return c
}
